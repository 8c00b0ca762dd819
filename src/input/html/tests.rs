//! Unit tests of the HTML projection: what is read, and where it maps.

use super::*;
