package dev.wirewatch.processor;

import dev.wirewatch.schemas.Alert;
import dev.wirewatch.schemas.Article;
import java.util.List;

/** An article with its story, and the alerts it raised. */
record Storied(Article article, List<Alert> alerts) {}
