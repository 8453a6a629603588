-- One database per service; no service reads another's tables. Keycloak keeps its own (users, sessions, clients).
CREATE DATABASE catalog;
CREATE DATABASE sharing;
CREATE DATABASE import;
CREATE DATABASE signature;
CREATE DATABASE keycloak;
