-- How many provinces there are (the scope of a refresh is all of them past half). No bindings.
select count(*) as n from admin_area where level = 'province'
