-- Whether any merged import still owes a refresh (`owed`): checked at start. No bindings.
select exists (select 1 from import_refresh_pending) as owed
