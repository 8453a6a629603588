-- One database per service; no service reads another's tables.
CREATE DATABASE catalog;
CREATE DATABASE sharing;
CREATE DATABASE import;
CREATE DATABASE signature;
