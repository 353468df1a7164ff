package dev.backendbyexample.restvsgraphql;

import javax.sql.DataSource;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import net.ttddyy.dsproxy.support.ProxyDataSource;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;

/**
 * Wraps the application's {@code DataSource} in datasource-proxy, so that
 * {@link SqlStatements} sees every statement, and publishes the count as the counter
 * {@code sql.statements} ({@code /actuator/metrics/sql.statements}, read by the live
 * page).
 */
@Configuration(proxyBeanMethods = false)
class SqlStatementCounting {

	// Static and free of other beans: a post-processor is made before everything else.
	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static SqlStatements sqlStatements() {
		return new SqlStatements();
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static BeanPostProcessor countingDataSource(SqlStatements sqlStatements) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
					return ProxyDataSourceBuilder.create(dataSource).name(beanName).listener(sqlStatements).build();
				}
				return bean;
			}
		};
	}

	@Bean
	MeterBinder sqlStatementsMetric(SqlStatements sqlStatements) {
		return (registry) -> FunctionCounter.builder("sql.statements", sqlStatements, SqlStatements::count)
			.description("SQL statements executed through the application's DataSource")
			.register(registry);
	}

}
