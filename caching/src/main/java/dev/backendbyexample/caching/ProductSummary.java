package dev.backendbyexample.caching;

/**
 * A line of the catalogue list.
 *
 * @param id the id
 * @param name the name
 * @param priceCents the price in cents
 */
record ProductSummary(long id, String name, long priceCents) {
}
