package dev.backendbyexample.restvsgraphql;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;

/**
 * Counts every SQL statement that reaches the JDBC driver, whichever layer issued it
 * (datasource-proxy's listener on the application's one {@code DataSource}). The count is
 * the server-side cost the comparison measures; the metric {@code sql.statements} exposes
 * it.
 */
public final class SqlStatements implements QueryExecutionListener {

	private final AtomicLong count = new AtomicLong();

	/** Statements executed since the application started. */
	public long count() {
		return this.count.get();
	}

	@Override
	public void beforeQuery(ExecutionInfo execution, List<QueryInfo> queries) {
	}

	@Override
	public void afterQuery(ExecutionInfo execution, List<QueryInfo> queries) {
		// A JDBC batch of several statements counts each of them.
		this.count.addAndGet(queries.size());
	}

}
