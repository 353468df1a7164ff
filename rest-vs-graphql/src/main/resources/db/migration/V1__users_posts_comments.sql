-- One domain for both APIs: users write posts, users comment on posts.
-- version counts a row's changes: REST's ETag and GraphQL's expectedVersion are built on it.
create table users (
    id      bigint generated always as identity primary key,
    name    text   not null,
    email   text   not null,
    bio     text,
    version bigint not null default 0
);

create table posts (
    id         bigint generated always as identity primary key,
    author_id  bigint      not null references users (id) on delete cascade,
    title      text        not null,
    body       text        not null,
    created_at timestamptz not null default now()
);
-- A user's posts, newest first, and the post count per author.
create index posts_by_author on posts (author_id, id);

create table comments (
    id         bigint generated always as identity primary key,
    post_id    bigint      not null references posts (id) on delete cascade,
    author_id  bigint      not null references users (id) on delete cascade,
    body       text        not null,
    created_at timestamptz not null default now()
);
-- A post's first comments: one index range per post, batched or not.
create index comments_by_post on comments (post_id, id);
create index comments_by_author on comments (author_id);

-- POST /users with an Idempotency-Key: the key is claimed in the transaction that creates
-- the user, so a retry (even a concurrent one) finds the first user instead of making two.
create table user_creations (
    idempotency_key text   primary key,
    request_hash    text   not null,
    user_id         bigint references users (id) on delete set null
);
