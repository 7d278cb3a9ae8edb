//! Routes and the root component.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::username_form::UsernameForm;
use crate::theme::GlobalStyles;

/// Every screen of the sign-in flow has a route, so a reload lands on the same screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Routable)]
pub enum Route {
    /// The first screen: who is signing in.
    #[at("/")]
    Username,
    /// Any other path sends the person back to the start.
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Username => html! { <UsernameForm /> },
        Route::NotFound => html! { <Redirect<Route> to={Route::Username} /> },
    }
}

/// The whole login page.
#[component]
pub fn App() -> Html {
    html! {
        <BrowserRouter>
            <GlobalStyles />
            <main class="page">
                <Switch<Route> render={switch} />
            </main>
        </BrowserRouter>
    }
}
