package dev.backendbyexample.caching;

/**
 * What a stampede cost.
 *
 * @param productId the key
 * @param readers how many concurrent readers
 * @param protection how the key was protected
 * @param loads how many of them queried the database
 */
record StampedeResult(long productId, int readers, Protection protection, int loads) {
}
