-- Orders placed over HTTP. Status moves PLACED -> FULFILLED when the work queue's consumer
-- has taken the stock.
create table orders (
    id          uuid primary key,
    customer    text        not null,
    sku         text        not null,
    quantity    integer     not null check (quantity > 0),
    region      text        not null,
    priority    text        not null,
    status      text        not null default 'PLACED',
    placed_at   timestamptz not null default now(),
    fulfilled_at timestamptz
);

-- The transactional outbox: written in the same transaction as the order, published by the
-- relay, marked CONFIRMED only when the broker confirmed it, RETURNED when no queue was bound.
-- A row that stays PENDING is published again: the publish is at least once.
create table outbox (
    message_id   uuid primary key,
    order_id     uuid        not null references orders (id),
    exchange     text        not null,
    routing_key  text        not null,
    body         text        not null,
    status       text        not null default 'PENDING',
    attempts     integer     not null default 0,
    last_error   text,
    created_at   timestamptz not null default now(),
    settled_at   timestamptz
);
create index outbox_pending on outbox (created_at) where status = 'PENDING';

-- What the warehouse holds; fulfilling an order takes from it (never below zero).
create table stock (
    sku       text primary key,
    available integer not null check (available >= 0)
);

-- The idempotent consumer's memory: one row per (consumer, message id), inserted in the
-- same transaction as the consumer's effect, so a redelivered message is recognised.
create table processed_messages (
    consumer     text        not null,
    message_id   uuid        not null,
    order_id     uuid        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, message_id)
);

-- The analytics subscriber's effect: a counter, which a duplicate would inflate.
create table order_counts (
    region text primary key,
    orders bigint not null,
    units  bigint not null
);

-- Messages the dead-letter queue received, kept for inspection and replay.
create table dead_letters (
    id              bigserial primary key,
    message_id      text,
    queue           text        not null,
    reason          text        not null,
    attempts        integer     not null,
    body            text        not null,
    dead_lettered_at timestamptz not null default now(),
    replayed_at     timestamptz
);

insert into stock (sku, available) values ('BOOK', 1000000), ('MUG', 1000000), ('LAMP', 0);
