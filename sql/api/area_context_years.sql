-- The years with provincial accounts or HAI figures, oldest first: the years an area's context has.
select year from province_economy union select year from province_hai order by year
