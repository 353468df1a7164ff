package dev.backendbyexample.transactions;

/**
 * Moves money between two accounts, debit and credit committing or rolling back together.
 */
interface TransferStrategy {

	Strategy strategy();

	/**
	 * Moves the money and writes the ledger row, in one transaction.
	 * @throws AccountNotFound if either account does not exist
	 * @throws InsufficientFunds if the debit would overdraw
	 * @throws RetriesExhausted if a retrying strategy kept conflicting
	 */
	Transfer transfer(TransferCommand command);

}
