import { columnsOf, formatOf, proposeDataset } from './file-header';

describe('a file header, read before upload', () => {
  it('reads the format from the name', () => {
    expect(formatOf('usage-march.csv')).toBe('csv');
    expect(formatOf('readings.ndjson.gz')).toBe('ndjson.gz');
    expect(formatOf('Clients.XLSX')).toBe('xlsx');
    expect(formatOf('notes.txt')).toBeNull();
    expect(formatOf('csv')).toBeNull();
  });

  it('reads CSV headers with any of the accepted delimiters, quotes honoured', () => {
    expect(columnsOf('user_id,date,usage_kwh\nu-1,2026-01-01,3', 'csv')).toEqual([
      'user_id',
      'date',
      'usage_kwh',
    ]);
    expect(columnsOf('\uFEFF"sale id";product;qty\r\n', 'csv')).toEqual([
      'sale id',
      'product',
      'qty',
    ]);
    expect(columnsOf('a\tb\tc', 'tsv')).toEqual(['a', 'b', 'c']);
  });

  it('reads the keys of the first object of JSON and NDJSON', () => {
    expect(
      columnsOf('[{"product_id":"p1","name":"x {y}","category":"c"}, {"other":1}]', 'json'),
    ).toEqual(['product_id', 'name', 'category']);
    expect(columnsOf('{"sensor_id":"s","timestamp":"t"}\n{"sensor_id":"s2"}', 'ndjson.gz')).toEqual(
      ['sensor_id', 'timestamp'],
    );
    expect(columnsOf('[{"broken"', 'json')).toBeNull();
  });

  it('proposes the dataset the server would recognise, aliases included, and nothing when unsure', () => {
    expect(proposeDataset(['user_id', 'date', 'usage_kwh'])).toBe('energy.usage');
    expect(proposeDataset(['userId', 'Day', 'consumption'])).toBe('energy.usage');
    expect(proposeDataset(['sale_id', 'product_id', 'quantity', 'amount', 'sale_date'])).toBe(
      'retail.sales',
    );
    expect(proposeDataset(['something', 'else'])).toBeNull();
    expect(proposeDataset(null)).toBeNull();
  });
});
