-- Enough rows for N+1 to show: 1,000 users, 20,000 posts (20 each), 100,000 comments
-- (5 per post), made by generate_series in one statement per table (about 2 s).
insert into users (name, email, bio)
select 'User ' || n,
       'user' || n || '@example.com',
       'Writes about topic ' || (n % 37) || '. ' || repeat('A bio long enough to be over-fetched. ', 4)
from generate_series(1, 1000) as n;

-- Authors are spread by a multiplicative hash, so a page of posts has many authors.
insert into posts (author_id, title, body, created_at)
select 1 + (n::bigint * 7919) % 1000,
       'Post ' || n || ': notes on topic ' || (n % 37),
       'Post ' || n || ' body. ' || repeat('A paragraph a list of titles does not need. ', 10),
       timestamptz '2026-01-01 00:00:00+00' + n * interval '1 minute'
from generate_series(1, 20000) as n;

insert into comments (post_id, author_id, body, created_at)
select 1 + (n - 1) / 5,
       1 + (n::bigint * 104729) % 1000,
       'Comment ' || n || ': I agree with this post, mostly.',
       timestamptz '2026-01-01 00:00:00+00' + ((n - 1) / 5) * interval '1 minute' + (n % 5) * interval '1 second'
from generate_series(1, 100000) as n;

analyze users;
analyze posts;
analyze comments;
