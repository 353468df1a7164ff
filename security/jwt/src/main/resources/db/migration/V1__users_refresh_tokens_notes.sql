-- Users: the password only as a hash, prefixed with its scheme ({argon2@SpringSecurity_v5_8}, {bcrypt}),
-- so the scheme can change and old hashes are upgraded at the next login.
create table users (
    id            uuid primary key,
    username      varchar(32)  not null unique,
    password_hash varchar(255) not null,
    display_name  varchar(100) not null,
    -- A comma-separated set; only an admin endpoint changes it.
    roles         varchar(32)  not null default 'USER' check (roles ~ '^(ADMIN|USER)(,(ADMIN|USER))*$'),
    created_at    timestamptz  not null default now()
);

-- One family per login: every refresh token that rotation derives from it belongs to it, so
-- that the reuse of any used one can revoke all of them at once.
create table refresh_token_families (
    id             uuid primary key,
    user_id        uuid        not null references users (id) on delete cascade,
    created_at     timestamptz not null default now(),
    revoked_at     timestamptz,
    revoked_reason varchar(16) check (revoked_reason in ('logout', 'reuse', 'roles-changed'))
);

create index refresh_token_families_user on refresh_token_families (user_id);

-- Refresh tokens only as SHA-256 hashes: a copy of this table logs no one in. A token is 256
-- random bits, so a fast hash is enough (no salt, no slow hash: nothing to guess).
create table refresh_tokens (
    token_hash bytea primary key,
    family_id  uuid        not null references refresh_token_families (id) on delete cascade,
    expires_at timestamptz not null,
    used_at    timestamptz
);

create index refresh_tokens_family on refresh_tokens (family_id);

-- A user's private notes. The body is encrypted at rest (AES-256-GCM) as
-- "<key id>:<base64 of nonce, ciphertext and tag>", bound to its row's id.
create table notes (
    id         uuid primary key,
    owner_id   uuid         not null references users (id) on delete cascade,
    title      varchar(200) not null,
    body       text         not null,
    created_at timestamptz  not null default now()
);

create index notes_owner on notes (owner_id, created_at);
