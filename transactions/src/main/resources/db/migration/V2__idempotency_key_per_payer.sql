-- Idempotency keys are scoped per paying account, as Stripe scopes them per account: two
-- clients that happen to pick the same key ("rent-2026-11") must not collide, and one must
-- never be answered with the other's transfer. Without authentication the payer stands in for
-- the client; behind a login, scope by the authenticated principal instead.
alter table transfer drop constraint transfer_idempotency_key_key;
alter table transfer add constraint transfer_idempotency_key_per_payer unique (from_account, idempotency_key);
