package dev.wirewatch.processor.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectionTest {
  private final LanguageDetection languages = new LanguageDetection();

  @Test
  void detectsTheLanguageOfArticleText() {
    assertThat(
            languages.detect(
                "The Kenyan police officers arrived in Haiti on Tuesday to lead the multinational mission."))
        .contains("en");
    assertThat(
            languages.detect(
                "Die kenianischen Polizisten sind am Dienstag in Haiti eingetroffen, um die Mission zu leiten."))
        .contains("de");
    assertThat(
            languages.detect(
                "Les policiers kényans sont arrivés mardi en Haïti pour diriger la mission multinationale."))
        .contains("fr");
    assertThat(
            languages.detect(
                "Los policías kenianos llegaron el martes a Haití para dirigir la misión multinacional."))
        .contains("es");
  }

  @Test
  void knowsCreoleAndSwahiliAndFavoursTheLanguagesItKnows() {
    assertThat(
            languages.detect(
                "Polis kenyan yo rive Pòtoprens madi pou ede Polis Nasyonal Ayiti goumen ak gang yo."))
        .contains("ht");
    assertThat(
            languages.detect(
                "Polisi wa Kenya waliwasili nchini Haiti siku ya Jumanne kuongoza ujumbe wa kimataifa."))
        .contains("sw");
    // Portuguese, which a detector of 71 languages may take for Galician on a short text.
    assertThat(
            languages.detect(
                "Gangues armadas bloquearam no domingo a principal estrada que liga a capital do"
                    + " Haiti ao norte do país."))
        .contains("pt");
  }

  /**
   * Texts of other scripts go to the detectors of their script's languages (built when first
   * needed): a Cyrillic text is told among the Cyrillic languages, Han among Chinese and Japanese;
   * a script no built-in language is written in gives no answer rather than a guess.
   */
  @Test
  void eachScriptIsToldAmongItsOwnLanguages() {
    assertThat(
            languages.detect(
                "Кенийские полицейские прибыли в Гаити во вторник, чтобы возглавить многонациональную миссию."))
        .contains("ru");
    assertThat(
            languages.detect(
                "Кенійські поліцейські прибули до Гаїті у вівторок, щоб очолити багатонаціональну місію."))
        .contains("uk");
    assertThat(
            languages.detect(
                "Οι Κενυάτες αστυνομικοί έφτασαν στην Αϊτή την Τρίτη για να ηγηθούν της πολυεθνικής αποστολής."))
        .contains("el");
    assertThat(languages.detect("肯尼亚警察周二抵达海地，领导多国安全支助任务，帮助当地警方打击帮派暴力。美国为这项任务提供了大部分资金。"))
        .contains("zh");
    assertThat(languages.detect("ケニアの警察官が火曜日にハイチに到着し、多国籍の治安支援任務を率いることになった。")).contains("ja");
    // Georgian: no built-in profile is written in it
    assertThat(
            languages.detect(
                "კენიის პოლიციელები სამშაბათს ჰაიტიში ჩავიდნენ მრავალეროვნული მისიის ხელმძღვანელობისთვის."))
        .isEmpty();
  }

  @Test
  void aTextInSeveralLanguagesIsTheLanguageOfMostOfIt() {
    String english = "The mission's commander said the police would stay until the elections.";
    String french =
        "Le commandant de la mission a déclaré que les policiers resteraient en Haïti jusqu'aux"
            + " élections, prévues pour l'an prochain, et que de nouveaux renforts arriveraient"
            + " dans les semaines à venir pour sécuriser les principaux axes routiers du pays.";
    assertThat(languages.detect(english + "\n\n" + french + "\n\n" + english)).contains("fr");
    assertThat(languages.decide(null, "Titre", "x", null)).isEqualTo("und");
    assertThat(languages.decide("fr-HT", "The title", english, "en")).isEqualTo("fr");
    assertThat(languages.decide(null, null, "OK", "pt-BR")).isEqualTo("pt");
  }

  @Test
  void saysNothingWithoutEnoughEvidence() {
    assertThat(languages.detect("OK")).isEmpty();
    assertThat(languages.detect(null)).isEmpty();
  }

  /** The filters' scans skip Optimaize's filters only where these would change nothing. */
  @Test
  void filtersSkippedOnlyWhereTheyWouldChangeNothing() {
    var urls = com.optimaize.langdetect.text.UrlTextFilter.getInstance();
    var scripts = com.optimaize.langdetect.text.RemoveMinorityScriptsTextFilter.forThreshold(0.3);
    String alphabet = "ab .:/@héßǅ\u2019\u2014Жж中ά\u0301";
    java.util.Random random = new java.util.Random(11);
    for (int round = 0; round < 20_000; round++) {
      StringBuilder b = new StringBuilder();
      int length = random.nextInt(30);
      for (int i = 0; i < length; i++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (random.nextInt(8) == 0) {
        b.insert(random.nextInt(b.length() + 1), "http://example.org/x ");
      }
      String text = b.toString();
      assertThat(LanguageDetection.withoutUrls(text)).as(text).isEqualTo(urls.filter(text));
      assertThat(LanguageDetection.withoutMinorityScripts(text))
          .as(text)
          .isEqualTo(scripts.filter(text));
    }
  }
}
