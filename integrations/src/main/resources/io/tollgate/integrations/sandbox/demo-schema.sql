-- The sandbox's demo schema: small tables to write tickets against. Idempotent.
CREATE DATABASE IF NOT EXISTS demo CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
USE demo;
CREATE TABLE IF NOT EXISTS customers (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'customer id',
  name VARCHAR(100) NOT NULL DEFAULT '' COMMENT 'display name',
  email VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'contact address',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when the customer signed up',
  PRIMARY KEY (id),
  UNIQUE KEY uniq_email (email)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='customers of the demo shop';
CREATE TABLE IF NOT EXISTS orders (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT COMMENT 'order id',
  customer_id BIGINT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'who ordered',
  status VARCHAR(20) NOT NULL DEFAULT 'new' COMMENT 'new, paid, shipped or cancelled',
  amount DECIMAL(10,2) NOT NULL DEFAULT 0 COMMENT 'total in EUR',
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP COMMENT 'when it was placed',
  PRIMARY KEY (id),
  KEY idx_customer (customer_id),
  KEY idx_status (status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='orders of the demo shop';
INSERT IGNORE INTO customers (id, name, email) VALUES
  (1, 'Ada', 'ada@example.org'), (2, 'Grace', 'grace@example.org'), (3, 'Linus', 'linus@example.org');
INSERT IGNORE INTO orders (id, customer_id, status, amount) VALUES
  (1, 1, 'paid', 42.00), (2, 1, 'new', 7.50), (3, 2, 'shipped', 99.90), (4, 3, 'new', 12.00), (5, 3, 'cancelled', 3.20);
