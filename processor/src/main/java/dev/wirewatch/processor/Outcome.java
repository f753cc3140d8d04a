package dev.wirewatch.processor;

import dev.wirewatch.schemas.Article;
import dev.wirewatch.schemas.DeadLetter;

/** Outcome of one record of news.raw: exactly one of the two is set. */
record Outcome(Article article, DeadLetter deadLetter) {}
