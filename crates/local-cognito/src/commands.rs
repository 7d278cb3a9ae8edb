//! The administration subcommands: they work on the data directory directly (stop the server
//! first, or use the API while it runs).

use std::path::Path;
use std::sync::Arc;

use cognito_protocol::{AdminCreateUserRequest, AdminSetUserPasswordRequest, AttributeType};
use local_cognito::Service;
use local_cognito::clock::SystemClock;
use local_cognito::store::Store;
use local_cognito::triggers::Triggers;

fn service(data_dir: &Path) -> Result<Service, String> {
    let store = Store::open(data_dir)
        .map_err(|error| format!("cannot open {}: {error}", data_dir.display()))?;
    Ok(Service::new(
        store,
        Triggers::default(),
        Arc::new(SystemClock),
        String::new(),
    ))
}

pub(crate) fn pools(data_dir: &Path) -> Result<(), String> {
    let service = service(data_dir)?;
    for pool in service.store.pools().map_err(|error| error.to_string())? {
        println!("{}\t{}", pool.id, pool.name);
        for (id, name, flows) in service
            .store
            .clients_of(&pool.id)
            .map_err(|error| error.to_string())?
        {
            println!("  client {id}\t{name}\t{flows}");
        }
    }
    Ok(())
}

pub(crate) fn users(data_dir: &Path, pool: &str) -> Result<(), String> {
    let service = service(data_dir)?;
    let mut after: Option<String> = None;
    loop {
        let page = service
            .store
            .users(pool, after.as_deref(), 500)
            .map_err(|error| error.to_string())?;
        for user in &page {
            let attributes: Vec<String> = user
                .attributes
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect();
            println!(
                "{}\t{}\t{}\t{}",
                user.username,
                user.status.as_str(),
                user.sub,
                attributes.join(",")
            );
        }
        match page.last() {
            Some(last) if page.len() == 500 => after = Some(last.username.clone()),
            _ => return Ok(()),
        }
    }
}

pub(crate) fn add_user(
    data_dir: &Path,
    pool: &str,
    username: &str,
    password: &str,
    temporary: bool,
    attributes: &[String],
) -> Result<(), String> {
    let service = service(data_dir)?;
    let attributes = attributes
        .iter()
        .map(|pair| {
            let (name, value) = pair
                .split_once('=')
                .ok_or_else(|| format!("attribute {pair} is not name=value"))?;
            Ok(AttributeType {
                name: name.to_owned(),
                value: value.to_owned(),
            })
        })
        .collect::<Result<Vec<_>, String>>()?;
    service
        .admin_create_user(&AdminCreateUserRequest {
            user_pool_id: pool.to_owned(),
            username: username.to_owned(),
            user_attributes: attributes,
            temporary_password: Some(password.into()),
            message_action: Some("SUPPRESS".to_owned()),
        })
        .map_err(|error| error.to_string())?;
    if !temporary {
        set_password(data_dir, pool, username, password, false)?;
    }
    println!("created {username} in {pool}");
    Ok(())
}

pub(crate) fn set_password(
    data_dir: &Path,
    pool: &str,
    username: &str,
    password: &str,
    temporary: bool,
) -> Result<(), String> {
    service(data_dir)?
        .admin_set_user_password(&AdminSetUserPasswordRequest {
            user_pool_id: pool.to_owned(),
            username: username.to_owned(),
            password: password.into(),
            permanent: !temporary,
        })
        .map_err(|error| error.to_string())?;
    Ok(())
}
