package dev.wirewatch.indexer.web.articles;

import static dev.wirewatch.indexer.web.Responses.JSON;
import static dev.wirewatch.indexer.web.Responses.error;
import static dev.wirewatch.indexer.web.Responses.json;
import static dev.wirewatch.indexer.web.Responses.summary;
import static dev.wirewatch.indexer.web.Responses.values;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wirewatch.indexer.search.SearchHit;
import dev.wirewatch.indexer.web.BadRequest;
import dev.wirewatch.indexer.web.Handler;
import dev.wirewatch.indexer.web.SearchScope;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;

/**
 * Single articles and stories:
 *
 * <ul>
 *   <li>{@code GET /api/articles/{id}}: one article with its text, or 404
 *   <li>{@code GET /api/stories/{storyId}}: every article of a story, oldest first, or 404
 *   <li>{@code GET /api/story-sizes?id=…&id=…}: articles per story, for up to 1,000 stories
 * </ul>
 */
public final class ArticlesHandler implements Handler {
  /** Most articles one story request returns. */
  public static final int MAX_STORY_ARTICLES = 1000;

  private final SearchScope scope;

  public ArticlesHandler(SearchScope scope) {
    this.scope = scope;
  }

  @Override
  public void register(RoutesConfig routes) {
    routes.get("/api/articles/{id}", this::article);
    routes.get("/api/stories/{storyId}", this::story);
    routes.get("/api/story-sizes", this::storySizes);
  }

  private void article(Context ctx) throws IOException {
    SearchHit a = scope.of(ctx).article(ctx.pathParam("id"));
    if (a == null) {
      error(ctx, 404, "no article with id '" + ctx.pathParam("id") + "'");
      return;
    }
    ObjectNode o = summary(a);
    o.put("text", a.text());
    json(ctx, o);
  }

  private void story(Context ctx) throws IOException {
    List<SearchHit> articles = scope.of(ctx).story(ctx.pathParam("storyId"), MAX_STORY_ARTICLES);
    if (articles.isEmpty()) {
      error(ctx, 404, "no story with id '" + ctx.pathParam("storyId") + "'");
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("storyId", ctx.pathParam("storyId"));
    long copies = articles.stream().filter(a -> a.copyOf() != null).count();
    // the story's size counts what was told, not how often: copies are listed, not counted
    out.put("size", articles.size() - copies);
    out.put("copies", copies);
    ArrayNode list = out.putArray("articles");
    articles.forEach(a -> list.add(summary(a)));
    json(ctx, out);
  }

  private void storySizes(Context ctx) throws IOException {
    List<String> ids = values(ctx, "id");
    if (ids.size() > MAX_STORY_ARTICLES) {
      throw new BadRequest("at most " + MAX_STORY_ARTICLES + " story ids, got " + ids.size());
    }
    ObjectNode out = JSON.createObjectNode();
    ObjectNode sizes = out.putObject("sizes");
    scope.of(ctx).storySizes(ids).forEach(sizes::put);
    json(ctx, out);
  }
}
