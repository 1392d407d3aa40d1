#!/usr/bin/env bash
# Run once by Patroni after the cluster is made: the application's role and database.
set -euo pipefail
psql -X -q -d "$1" <<SQL
CREATE ROLE rinnalla LOGIN PASSWORD 'rinnalla-ha';
CREATE DATABASE rinnalla OWNER rinnalla;
SQL
