-- Directory: guides and clients of each organization (the tenant), and idempotency keys.
-- Every table carries org_id, and every key and reference includes it, so no row can point
-- across organizations.

CREATE TABLE guides (
  org_id             text        NOT NULL,
  id                 uuid        NOT NULL,
  display_name       text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  experience_areas   text[]      NOT NULL DEFAULT '{}',
  languages          text[]      NOT NULL,
  municipalities     text[]      NOT NULL DEFAULT '{}',
  max_active_clients integer     NOT NULL CHECK (max_active_clients BETWEEN 1 AND 50),
  state              text        NOT NULL
                     CHECK (state IN ('IN_TRAINING', 'ACTIVE', 'ON_BREAK', 'INACTIVE')),
  revision           bigint      NOT NULL DEFAULT 1,
  create_time        timestamptz NOT NULL DEFAULT clock_timestamp(),
  update_time        timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id)
);
-- Keyset pagination in creation order.
CREATE INDEX guides_by_creation ON guides (org_id, create_time, id);

CREATE TABLE clients (
  org_id       text        NOT NULL,
  id           uuid        NOT NULL,
  display_name text        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  birth_year   integer     CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2200),
  municipality text,
  languages    text[]      NOT NULL DEFAULT '{}',
  state        text        NOT NULL CHECK (state IN ('ACTIVE', 'CLOSED')),
  revision     bigint      NOT NULL DEFAULT 1,
  create_time  timestamptz NOT NULL DEFAULT clock_timestamp(),
  update_time  timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (org_id, id)
);
CREATE INDEX clients_by_creation ON clients (org_id, create_time, id);

-- A client's ids in client record systems; one (system, id) names one client per organization.
CREATE TABLE client_external_refs (
  org_id      text    NOT NULL,
  system      text    NOT NULL,
  external_id text    NOT NULL,
  client_id   uuid    NOT NULL,
  position    integer NOT NULL,
  PRIMARY KEY (org_id, system, external_id),
  FOREIGN KEY (org_id, client_id) REFERENCES clients (org_id, id) ON DELETE CASCADE
);
CREATE INDEX client_external_refs_by_client ON client_external_refs (org_id, client_id);

-- AIP-155 request ids: the first response of a Create, kept at least 7 days.
CREATE TABLE idempotency_keys (
  org_id      text        NOT NULL,
  request_id  uuid        NOT NULL,
  method      text        NOT NULL,
  fingerprint text        NOT NULL,
  response    text,
  create_time timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_id, request_id)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (create_time);
