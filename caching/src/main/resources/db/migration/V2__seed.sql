-- The seed, made by PostgreSQL itself in one statement per table (generate_series): 10,000
-- products and 1,000,000 reviews take a few seconds, against minutes for row-by-row inserts.
-- ${products} and ${reviews} are Flyway placeholders set from caching.seed.* (the tests use a
-- smaller seed, see application.yml).
insert into product (name, description, price_cents)
select 'Product ' || g,
       'A product of the seed, number ' || g || ', described at some length so a row is not tiny.',
       100 + (g * 7919) % 100000
from generate_series(1, ${products}) as g;

-- Review g belongs to product 1 + g % products: a product's reviews are spread over the whole
-- table, as reviews written over years are, so the aggregate reads many pages, not one.
insert into review (product_id, author, rating, created_at)
select 1 + g % ${products},
       'user-' || (g * 31) % 50000,
       -- skewed towards 4 and 5, as real ratings are
       (array[1, 2, 3, 4, 4, 5, 5, 5])[1 + (g * 2654435761) % 8],
       now() - make_interval(mins => (g % 500000))
from generate_series(1, ${reviews}) as g;

-- Built after the bulk insert: one sort instead of a million index insertions, and one
-- validation of the foreign key instead of a million trigger calls.
create index review_product on review (product_id);
alter table review add foreign key (product_id) references product (id) on delete cascade;

-- The next product created through the API gets the next id after the seed.
select setval(pg_get_serial_sequence('product', 'id'), (select max(id) from product));
analyze product;
analyze review;
