/**
 * Account administration: the acts an admin performs on other people's accounts, each checked against the permission
 * matrix for the person acting. The accounts themselves live in {@code engine.account}.
 */
package io.tollgate.engine.accountadmin;
