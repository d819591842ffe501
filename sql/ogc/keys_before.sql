-- OGC API – Features (issue 19): where the page before a key starts. The keyset key that precedes the
-- limit features before before (the previous page is then "after" it), or null when that page is
-- the first. source is one of ogc/*_source.sql, filter a compiled CQL2 condition.
select (select f.fid
          from (:source) f
         where :filter
           and f.fid < :before::text
         order by f.fid desc
        offset :limit::integer
         limit 1) as after
