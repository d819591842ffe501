-- The areas of one survey year whose decisions differ from the stored ones by their digest, into the
-- staging table of stage_year.sql (COPY text format, written by server/disclosure/refresh.ts).
copy area_public_staged (survey_year, code, suppressed, cells, withheld, digest) from stdin
