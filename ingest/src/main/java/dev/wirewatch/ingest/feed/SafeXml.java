package dev.wirewatch.ingest.feed;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import org.jdom2.Document;
import org.jdom2.JDOMException;
import org.jdom2.input.SAXBuilder;
import org.jdom2.input.sax.XMLReaders;
import org.xml.sax.InputSource;

/**
 * XML parsing that hostile feeds cannot abuse: no external entities or DTDs are ever loaded (no
 * XXE, no network or file access), and entity expansion is capped (no "billion laughs"). A DOCTYPE
 * itself is allowed, because many real feeds declare one.
 */
final class SafeXml {
  /** Most entity references one document may expand. */
  static final int ENTITY_EXPANSION_LIMIT = 2_000;

  /** Most characters all entity expansions of one document may produce together. */
  static final int TOTAL_ENTITY_SIZE_LIMIT = 1_000_000;

  private SafeXml() {}

  static Document parse(byte[] bytes) throws JDOMException, IOException {
    SAXBuilder builder = new SAXBuilder(XMLReaders.NONVALIDATING);
    builder.setFeature("http://xml.org/sax/features/external-general-entities", false);
    builder.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    builder.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    builder.setFeature(javax.xml.XMLConstants.FEATURE_SECURE_PROCESSING, true);
    builder.setProperty(
        "http://www.oracle.com/xml/jaxp/properties/entityExpansionLimit", ENTITY_EXPANSION_LIMIT);
    builder.setProperty(
        "http://www.oracle.com/xml/jaxp/properties/totalEntitySizeLimit", TOTAL_ENTITY_SIZE_LIMIT);
    builder.setExpandEntities(true);
    // Belt and braces: should any parser still ask for an external entity, it gets nothing.
    builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
    return builder.build(new ByteArrayInputStream(bytes));
  }
}
