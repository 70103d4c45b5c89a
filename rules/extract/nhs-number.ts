// NHS number check digit: Modulus 11 with weights 10..2 over the first nine digits.
// A remainder giving 11 means check digit 0; one giving 10 means the number can never be valid.

export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}
