package dev.backendbyexample.messaging.rabbitmq;

/** The warehouse cannot cover an order now; a restock may fix it. */
class OutOfStock extends TransientFailure {

	OutOfStock(String sku, int quantity) {
		super("Out of stock: " + quantity + " × " + sku);
	}

}
