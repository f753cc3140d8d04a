package dev.wirewatch.indexer.web.search;

import java.util.Locale;
import java.util.Set;

/**
 * What people read for a place code: "Haiti (HT)". Places are ISO 3166-1 alpha-2 codes; their
 * English names come from the JDK's own locale data (CLDR), so no list is kept here.
 */
public final class PlaceNames {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private PlaceNames() {}

  /** "Haiti (HT)" for a country code; anything else as it is. */
  public static String label(String code) {
    if (code == null || !COUNTRIES.contains(code)) {
      return code;
    }
    String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    return name.isBlank() || name.equals(code) ? code : name + " (" + code + ")";
  }
}
