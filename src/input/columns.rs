//! `--columns`: what each column of a TSV or CSV file holds, by position.

use std::fmt;
use std::str::FromStr;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Id,
    Source,
    Target,
    /// Read past (an attribution, a score, a second translation).
    Ignore,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Id => "id",
            Role::Source => "source",
            Role::Target => "target",
            Role::Ignore => "ignore",
        }
    }

    /// A column name of a header or of `--columns`, if it is one of the four.
    pub fn from_name(name: &str) -> Option<Role> {
        match name.trim().to_ascii_lowercase().as_str() {
            "id" => Some(Role::Id),
            "source" => Some(Role::Source),
            "target" => Some(Role::Target),
            "ignore" => Some(Role::Ignore),
            _ => None,
        }
    }
}

/// The roles of the columns in order: exactly one `source` and one `target`, at most
/// one `id`, any number of `ignore`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSpec {
    pub roles: Vec<Role>,
}

impl ColumnSpec {
    pub fn width(&self) -> usize {
        self.roles.len()
    }

    pub fn position(&self, role: Role) -> Option<usize> {
        self.roles.iter().position(|r| *r == role)
    }

    /// Checks that the roles make a pair.
    pub fn new(roles: Vec<Role>) -> Result<ColumnSpec, String> {
        let count = |r: Role| roles.iter().filter(|x| **x == r).count();
        for r in [Role::Source, Role::Target] {
            match count(r) {
                1 => {}
                0 => return Err(format!("no `{}` column", r.as_str())),
                _ => return Err(format!("more than one `{}` column", r.as_str())),
            }
        }
        if count(Role::Id) > 1 {
            return Err("more than one `id` column".into());
        }
        Ok(ColumnSpec { roles })
    }
}

impl FromStr for ColumnSpec {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let roles = s
            .split(',')
            .map(|n| {
                Role::from_name(n).ok_or_else(|| {
                    format!(
                        "unknown column `{}` (expected id, source, target or ignore)",
                        n.trim()
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        ColumnSpec::new(roles)
    }
}

impl fmt::Display for ColumnSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.roles.iter().map(|r| r.as_str()).collect();
        f.write_str(&names.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_checks() {
        let c: ColumnSpec = "source, target,ignore".parse().unwrap();
        assert_eq!(c.roles, vec![Role::Source, Role::Target, Role::Ignore]);
        assert_eq!(c.to_string(), "source,target,ignore");
        assert_eq!(c.position(Role::Target), Some(1));
        assert!(
            "source"
                .parse::<ColumnSpec>()
                .unwrap_err()
                .contains("no `target`")
        );
        assert!(
            "source,target,source"
                .parse::<ColumnSpec>()
                .unwrap_err()
                .contains("more than one `source`")
        );
        assert!(
            "id,source,text"
                .parse::<ColumnSpec>()
                .unwrap_err()
                .contains("unknown column `text`")
        );
    }
}
