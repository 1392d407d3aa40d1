-- Finding a client by the words of their name (ListClients' `display_name:` term) without reading
-- every client of the organization: a trigram index of the name lower-cased by ICU's root locale,
-- so that Ä and ä are one letter whatever locale the database was made with (in the C locale
-- lower() folds ASCII only). pg_trgm is a trusted extension: the tables' owner may add it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX clients_by_name_trigrams ON clients
  USING gin (lower(display_name COLLATE "und-x-icu") gin_trgm_ops);
