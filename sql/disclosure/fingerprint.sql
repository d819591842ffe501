-- One digest of every decision in area_public: equal before and after a refresh when the policy
-- decided exactly as before (then nothing that rests on its decisions needs making again). No bindings.
select md5(coalesce(string_agg(survey_year || ' ' || code || ' ' || suppressed || ' ' || cells::text || ' ' || withheld::text, E'\n'
                               order by survey_year, code), '')) as fingerprint
from area_public
