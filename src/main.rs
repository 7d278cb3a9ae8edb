//! Entry point of the login page: mount the app on `<body>`.

fn main() {
    yew::Renderer::<hosted_login::App>::new().render();
}
