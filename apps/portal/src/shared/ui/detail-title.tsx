import { ArrowLeftOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/**
 * The title of a detail page's card: a way back to its list, what it is and whose, and its state
 * (tags as children).
 */
export function DetailTitle({
  back,
  backLabel,
  title,
  children,
}: {
  back: string;
  backLabel: string;
  title: string;
  children?: ReactNode;
}) {
  return (
    <Flex gap={12} align="center" wrap>
      <Link to={back} aria-label={backLabel}>
        <ArrowLeftOutlined />
      </Link>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {title}
      </Typography.Title>
      {children}
    </Flex>
  );
}
