/** UI parts for SQL shared by several areas: the highlighting SQL editor. */
package io.tollgate.ui.sql;
