-- OGC API – Features (issue 19): the years of village potential loaded, oldest first.
select distinct year::integer as year from village_potential order by 1
