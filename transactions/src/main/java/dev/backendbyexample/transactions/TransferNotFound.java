package dev.backendbyexample.transactions;

/**
 * No transfer with this id is in the ledger.
 */
class TransferNotFound extends RuntimeException {

	TransferNotFound(long transferId) {
		super("Transfer " + transferId + " does not exist");
	}

}
