/** Given names drawn from lists common in English and Welsh schools, across heritages. */
export const GIVEN_NAMES_F = [
  'Amira', 'Olivia', 'Amelia', 'Isla', 'Ava', 'Freya', 'Lily', 'Ivy', 'Florence', 'Aisha', 'Zainab', 'Maryam', 'Sophia', 'Mia',
  'Grace', 'Evie', 'Willow', 'Poppy', 'Seren', 'Cerys', 'Ffion', 'Nia', 'Priya', 'Ananya', 'Chloe', 'Zofia', 'Hana', 'Yasmin',
  'Ruby', 'Elsie', 'Daisy', 'Esme', 'Maja', 'Aaliyah', 'Fatima', 'Harper', 'Niamh', 'Orla', 'Bethan', 'Layla',
] as const;
export const GIVEN_NAMES_M = [
  'Muhammad', 'Noah', 'Oliver', 'George', 'Arthur', 'Leo', 'Harry', 'Oscar', 'Archie', 'Jack', 'Ibrahim', 'Yusuf', 'Dylan', 'Rhys',
  'Osian', 'Gethin', 'Theo', 'Freddie', 'Alfie', 'Charlie', 'Arjun', 'Rohan', 'Kacper', 'Jakub', 'Samuel', 'Joshua', 'Kai',
  'Idris', 'Omar', 'Tomos', 'Finley', 'Reuben', 'Elijah', 'Ezra', 'Hamza', 'Liam', 'Ciarán', 'Mateo', 'Kwame', 'Tobi',
] as const;
export const FAMILY_NAMES = [
  'Khan', 'Smith', 'Jones', 'Williams', 'Taylor', 'Brown', 'Davies', 'Evans', 'Wilson', 'Thomas', 'Roberts', 'Johnson', 'Lewis',
  'Walker', 'Robinson', 'Wood', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Patel', 'Ahmed', 'Hussain', 'Begum',
  'Ali', 'Nowak', 'Kowalski', 'Okafor', 'Adeyemi', 'Mensah', 'Nguyen', 'Chen', 'Singh', 'Kaur', "O'Brien", 'Murphy', 'Lloyd',
  'Price', 'Morgan', 'Griffiths', 'Rahman', 'Islam', 'Mahmood', 'Da Silva', 'Santos', 'Popescu', 'Hassan', 'Clarke',
] as const;
