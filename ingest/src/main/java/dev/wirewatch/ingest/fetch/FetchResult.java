package dev.wirewatch.ingest.fetch;

/**
 * A fetched document.
 *
 * @param status 200, or 304 when the document has not changed since the validators sent
 * @param finalUrl the address after redirects
 * @param body the decoded body (empty for 304)
 * @param contentType the media type without parameters, lower-case, or null
 * @param charset the charset parameter of Content-Type, or null
 * @param etag the ETag to send next time, or null
 * @param lastModified the Last-Modified to send next time, or null
 */
public record FetchResult(
    int status,
    String finalUrl,
    byte[] body,
    String contentType,
    String charset,
    String etag,
    String lastModified) {
  public boolean notModified() {
    return status == 304;
  }
}
