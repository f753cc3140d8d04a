package dev.wirewatch.processor.clean.furniture;

/** Where each source's {@link TemplateWindow} is kept: a Kafka Streams store in the processor. */
public interface SourceTemplates {
  /** Templates are not learned: the same cleaning for every source, as in the CLI. */
  SourceTemplates NONE =
      new SourceTemplates() {
        @Override
        public TemplateWindow get(String sourceId) {
          return null;
        }

        @Override
        public void put(String sourceId, TemplateWindow window) {}
      };

  /** The source's window; null when templates are not learned. */
  TemplateWindow get(String sourceId);

  void put(String sourceId, TemplateWindow window);
}
