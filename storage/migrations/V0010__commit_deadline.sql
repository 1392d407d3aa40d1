-- The check a transaction's COMMIT travels behind under a call's deadline (storage's
-- transaction.cc): it refuses, as a cancelled statement, once the database's own clock says more
-- than `left_ms` milliseconds have passed since the transaction began, so a COMMIT a stuck
-- server reads late is never applied. A function is compiled once per connection and its call
-- kept prepared, where a DO block was compiled on every call.
CREATE FUNCTION refuse_commit_after(left_ms bigint) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF clock_timestamp() > transaction_timestamp() + left_ms * interval '1 millisecond' THEN
    RAISE EXCEPTION 'the call''s deadline has passed' USING ERRCODE = 'query_canceled';
  END IF;
END
$$;
