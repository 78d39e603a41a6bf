/** The main layout: navigation to the areas a person's roles use, who is signed in, and sign-out. */
package io.tollgate.ui.layout;
