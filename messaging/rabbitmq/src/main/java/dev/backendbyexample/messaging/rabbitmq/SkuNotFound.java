package dev.backendbyexample.messaging.rabbitmq;

/** The warehouse has never held this SKU. */
class SkuNotFound extends RuntimeException {

	SkuNotFound(String sku) {
		super("No SKU " + sku);
	}

}
