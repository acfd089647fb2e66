// Names for the demo clinic's invented patients (shared by its seed modules).
export const GIVEN_FEMALE = ['Amara', 'Beatriz', 'Chloe', 'Dana', 'Elif', 'Fatima', 'Grace', 'Hana', 'Ingrid', 'Julia', 'Keiko', 'Lena', 'Maya', 'Noor', 'Olivia', 'Priya', 'Rosa', 'Sofia', 'Tara', 'Yara'];
export const GIVEN_MALE = ['Aaron', 'Bilal', 'Carlos', 'David', 'Emil', 'Felix', 'Gabriel', 'Hugo', 'Ivan', 'Jonas', 'Kofi', 'Liam', 'Marco', 'Nikhil', 'Omar', 'Pavel', 'Rafael', 'Sami', 'Theo', 'Victor'];
export const FAMILY = ['Adeyemi', 'Andersson', 'Bauer', 'Chen', 'Costa', 'Dubois', 'Evans', 'Fischer', 'García', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Novak', "O'Brien", 'Petrov', 'Quinn', 'Rossi', 'Schmidt', 'Silva', 'Tanaka', 'Usman', 'Varga', 'Walsh', 'Yilmaz', 'Zhang', 'Lindqvist'];
export const STREETS = ['Elm Street', 'Harbour Road', 'Linden Avenue', 'Mill Lane', 'Park Row', 'Station Road', 'Willow Way'];
