-- The read worth caching: a product with the summary of its reviews. About 100 reviews per
-- product in the seed, spread over the table, so PostgreSQL reads ~100 heap pages per call:
-- EXPLAIN ANALYZE on the full seed showed 2.2 ms the first time (pages read from disk, "Heap
-- Blocks: exact=100"), about 0.2 ms once those pages sit in shared buffers.
select p.id, p.name, p.description, p.price_cents, p.version, p.updated_at,
       count(r.id)                            as reviews,
       avg(r.rating)::float8                  as average,
       count(r.id) filter (where r.rating = 1) as one_star,
       count(r.id) filter (where r.rating = 2) as two_stars,
       count(r.id) filter (where r.rating = 3) as three_stars,
       count(r.id) filter (where r.rating = 4) as four_stars,
       count(r.id) filter (where r.rating = 5) as five_stars
from product p
left join review r on r.product_id = p.id
where p.id = :id
group by p.id
