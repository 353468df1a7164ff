package dev.backendbyexample.messaging.rabbitmq;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The queues as the broker and this instance's consumers see them, for the live page.
 */
@RestController
@RequestMapping(path = "/api/queues", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Queues", description = "Depth, consumers and what the consumers did, per queue.")
class QueueController {

	private static final List<String> QUEUES = List.of(Topology.FULFILMENT, Topology.EMAIL, Topology.ANALYTICS,
			Topology.REGION_EU, Topology.EXPRESS, Topology.DEAD_LETTERS);

	private final AmqpAdmin admin;

	private final ConsumerCounters counters;

	QueueController(AmqpAdmin admin, ConsumerCounters counters) {
		this.admin = admin;
		this.counters = counters;
	}

	@GetMapping
	@Operation(operationId = "listQueues", summary = "Every queue a consumer reads, with its depth")
	@ApiResponse(responseCode = "200", description = "The queues.")
	List<QueueState> queues() {
		return QUEUES.stream().map(this::state).toList();
	}

	private QueueState state(String name) {
		QueueInformation info = this.admin.getQueueInfo(name);
		return new QueueState(name, (info != null) ? info.getMessageCount() : 0,
				(info != null) ? info.getConsumerCount() : 0, this.counters.of(name));
	}

	/** One queue. */
	record QueueState(String name,
			@Schema(description = "Messages ready for delivery (not those delivered and awaiting an ack).") long ready,
			int consumers,
			@Schema(description = "What this instance's consumer did with each delivery since it started: applied, "
					+ "duplicate, retried, dead-lettered, requeued.") Map<String, Long> deliveries) {

	}

}
