-- For this transaction only: no idle-in-transaction limit. Between its statements the server
-- computes (the policy's decisions, the hotspot permutations), which on a loaded machine outlasted
-- the import connection's 10-minute limit and had the whole refresh rolled back. A process that dies
-- closes its connection, which ends the transaction as surely as the limit would.
set local idle_in_transaction_session_timeout = 0
