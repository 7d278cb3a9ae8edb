//! Entry point of the bundle with every page (built with the `account` feature): what
//! index.html loads at the addresses of the pages beyond signing in (create an account, the
//! security page). The same entry as the sign-in bundle's.

include!("../main.rs");
