-- Money is stored in minor units (cents) as bigint: exact, no floating point.
--
-- Deliberately no CHECK (balance >= 0): the five strategies must keep that rule themselves,
-- so the invariant tests can prove which ones do. In production add the CHECK as a backstop.
create table account (
    id        bigint generated always as identity primary key,
    owner     text        not null,
    balance   bigint      not null,
    -- Bumped by every write; only the optimistic strategy reads it.
    version   bigint      not null default 0,
    opened_at timestamptz not null default now()
);

-- The ledger: one row per accepted transfer, written in the same transaction as the two
-- balance updates, so a transfer is in here exactly when its money moved.
create table transfer (
    id                  bigint generated always as identity primary key,
    from_account        bigint      not null references account (id),
    to_account          bigint      not null references account (id),
    amount              bigint      not null check (amount > 0),
    strategy            text        not null,
    -- The unique constraint is what makes a retried POST move money once: a second insert
    -- with the same key fails and rolls its whole transaction back, balances included.
    idempotency_key     text unique,
    request_fingerprint text,
    created_at          timestamptz not null default now(),
    check (from_account <> to_account)
);

create index transfer_from_account on transfer (from_account);
create index transfer_to_account on transfer (to_account);
