-- One survey year's decisions of the disclosure policy, every area of the year, into the staging
-- table of stage_year.sql (COPY text format, written by server/disclosure/refresh.ts).
copy area_public_staged (survey_year, code, suppressed, cells, withheld) from stdin
