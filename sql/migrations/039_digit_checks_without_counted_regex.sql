-- The house code and national id checks, the same strings accepted, through povmap.is_digits
-- instead of an anchored counted regular expression (sql/functions/is_digits.sql says why): they run
-- on every household and person row a generation or an import writes. Adding each checks the table's
-- rows once (on the national profile, one scan of household and one of person).
alter table household drop constraint household_house_code_check,
  add constraint household_house_code_check check (povmap.is_digits(house_code, 12));
alter table person drop constraint person_national_id_check,
  add constraint person_national_id_check check (povmap.is_digits(national_id, 13));
